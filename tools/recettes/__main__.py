from recettes.cli.main import main

main(prog_name="recettes")
