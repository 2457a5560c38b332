trigger CleverTapContactTrigger on Contact(after insert, after update, after delete, after undelete) {
    CleverTapCapture.handleTrigger();
}
