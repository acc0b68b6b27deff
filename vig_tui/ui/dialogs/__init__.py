"""Modal dialogs: small windows over a screen that answer one question."""
