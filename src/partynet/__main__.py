from partynet.cli import main

main()
