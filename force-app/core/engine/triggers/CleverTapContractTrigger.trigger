trigger CleverTapContractTrigger on Contract(after insert, after update, after delete, after undelete) {
    CleverTapCapture.handleTrigger();
}
