from toolkit.cli import main

main(prog_name="kyogikai")
