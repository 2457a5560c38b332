trigger CleverTapDispatchRequestTrigger on CleverTap_Dispatch_Request__e(after insert) {
    CleverTapDispatchRequests.handleRequests(Trigger.new);
}
