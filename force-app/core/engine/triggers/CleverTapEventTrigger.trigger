trigger CleverTapEventTrigger on Event(after insert, after update, after delete, after undelete) {
    CleverTapCapture.handleTrigger();
}
