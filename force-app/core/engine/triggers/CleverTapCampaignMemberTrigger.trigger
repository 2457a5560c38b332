trigger CleverTapCampaignMemberTrigger on CampaignMember(after insert, after update, after delete) {
    CleverTapCapture.handleTrigger();
}
