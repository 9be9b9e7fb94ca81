from asckg.cli.main import main

main()
