trigger CleverTapOrderTrigger on Order(after insert, after update, after delete) {
    CleverTapCapture.handleTrigger();
}
