trigger CleverTapAccountTrigger on Account(after insert, after update, after delete, after undelete) {
    CleverTapCapture.handleTrigger();
}
