"""Entry point for spark-submit, which takes the master, executors and memory from its own options:

spark-submit --master yarn --num-executors 50 "$(python -c 'import partynet.spark.__main__ as m;
print(m.__file__)')" s3a://bucket/warc/ --out s3a://bucket/partynet/2026
"""

from __future__ import annotations

import sys

from partynet.cli import app


def main() -> None:
    # the same command as `partynet spark run`, with the master left to spark-submit
    app(["spark", "run", "--master", "", *sys.argv[1:]], prog_name="partynet-spark")


if __name__ == "__main__":
    main()
