from watchline.cli.app import main

main()
