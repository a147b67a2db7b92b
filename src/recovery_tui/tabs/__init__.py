"""One TabPane subclass per tab, in the method's order."""
