"""Start fieldwork from a checkout: `python main.py --help` lists the commands."""

from fieldwork.app import main

if __name__ == "__main__":
    main()
