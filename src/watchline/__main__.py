"""`python -m watchline`. Guarded: worker processes started with "spawn" import this
module as `__mp_main__` and must not run the CLI again."""

from watchline.cli.app import main

if __name__ == "__main__":
    main()
