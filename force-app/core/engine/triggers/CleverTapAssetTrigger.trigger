trigger CleverTapAssetTrigger on Asset(after insert, after update, after delete, after undelete) {
    CleverTapCapture.handleTrigger();
}
