package com.radrelay;

import com.radrelay.production.Migrate;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** RadRelay: the one application that holds every module, in platform/app so it sees every jar. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "RadRelay")
public class RadRelayApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("migrate")) {
            Migrate.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(RadRelayApplication.class, args);
    }
}
