trigger CleverTapProduct2Trigger on Product2(after insert, after update, after delete, after undelete) {
    CleverTapCapture.handleTrigger();
}
