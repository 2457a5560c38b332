trigger CleverTapOpportunityLineItemTrigger on OpportunityLineItem(after insert, after update, after delete) {
    CleverTapCapture.handleTrigger();
}
