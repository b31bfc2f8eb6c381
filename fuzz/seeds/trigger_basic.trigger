trigger WidgetTrigger on Widget__c (before insert, after update) {
    for (Widget__c w : Trigger.new) {
        if (w.Size__c == null) { w.Size__c = 1; }
    }
}
