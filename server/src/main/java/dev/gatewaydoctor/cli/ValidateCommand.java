package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.kb.Kb;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Check a knowledge base and print every problem with its file and line; exit 1 when it has any.")
public final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    private Cli cli;

    @Mixin
    private KbOptions kb;

    @Override
    public Integer call() {
        Optional<Kb> loaded = kb.load(cli.console().err());
        if (loaded.isEmpty()) {
            return 1;
        }
        cli.console().out().println("OK: " + loaded.get().size() + " entries in " + kb.folders());
        return 0;
    }
}
