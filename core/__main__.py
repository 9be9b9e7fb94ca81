from asckg.cli.app import main

main()
