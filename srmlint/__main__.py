import sys

from srmlint.cli import main

sys.exit(main())
