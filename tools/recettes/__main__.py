from recettes.cli.main import main

main()
