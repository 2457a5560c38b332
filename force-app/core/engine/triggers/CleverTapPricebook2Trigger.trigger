trigger CleverTapPricebook2Trigger on Pricebook2(after insert, after update, after delete) {
    CleverTapCapture.handleTrigger();
}
