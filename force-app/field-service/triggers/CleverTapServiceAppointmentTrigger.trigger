trigger CleverTapServiceAppointmentTrigger on ServiceAppointment(after insert, after update, after delete) {
    CleverTapCapture.handleTrigger();
}
