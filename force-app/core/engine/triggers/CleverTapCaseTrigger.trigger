trigger CleverTapCaseTrigger on Case(after insert, after update, after delete, after undelete) {
    CleverTapCapture.handleTrigger();
}
