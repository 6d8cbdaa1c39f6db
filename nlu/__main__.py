"""``python -m nlu parse|train|evaluate``."""

import sys

from nlu.cli import main

raise SystemExit(main(sys.argv[1:]))
