trigger CleverTapDispatchRequestTrigger on CleverTap_Dispatch_Request__e(after insert) {
    CleverTapDispatcher.handleRequests(Trigger.new);
}
