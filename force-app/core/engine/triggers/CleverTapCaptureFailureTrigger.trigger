trigger CleverTapCaptureFailureTrigger on CleverTap_Capture_Failure__e(after insert) {
    CleverTapCaptureFailureHandler.handle(Trigger.new);
}
