trigger CleverTapQuoteTrigger on Quote(after insert, after update, after delete) {
    CleverTapCapture.handleTrigger();
}
