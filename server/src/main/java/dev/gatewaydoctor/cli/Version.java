package dev.gatewaydoctor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or from the build's version file when run from classes. */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"gateway-doctor " + current(), "Java " + System.getProperty("java.version")};
    }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: a missing version is not a reason to fail
        }
        return "unknown";
    }
}
