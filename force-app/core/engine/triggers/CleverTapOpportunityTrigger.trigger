trigger CleverTapOpportunityTrigger on Opportunity(after insert, after update, after delete, after undelete) {
    CleverTapCapture.handleTrigger();
}
