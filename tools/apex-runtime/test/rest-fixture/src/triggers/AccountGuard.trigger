trigger AccountGuard on Account(before insert) {
    for (Account a : Trigger.new) {
        if (a.Name == 'created guarded') {
            String missing;
            a.Description = missing.trim();
        }
    }
}
