trigger CleverTapLeadTrigger on Lead(after insert, after update, after delete, after undelete) {
    CleverTapCapture.handleTrigger();
}
