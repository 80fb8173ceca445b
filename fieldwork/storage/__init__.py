"""The encrypted study database (SQLCipher through sqlite-utils). Never imports Qt."""
