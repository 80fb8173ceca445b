"""The desktop app's start script (PyInstaller freezes this): the same entry point as the
installed `fieldwork` command, with the command line, `self-check`, and the app window."""

from fieldwork.app import main

if __name__ == "__main__":
    main()
