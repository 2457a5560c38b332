trigger CleverTapCampaignTrigger on Campaign(after insert, after update, after delete, after undelete) {
    CleverTapCapture.handleTrigger();
}
