trigger CleverTapTaskTrigger on Task(after insert, after update, after delete, after undelete) {
    CleverTapCapture.handleTrigger();
}
