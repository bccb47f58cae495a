import sys

from spshell.cli import main

sys.exit(main())
