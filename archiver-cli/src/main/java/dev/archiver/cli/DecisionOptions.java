package dev.archiver.cli;

import dev.archiver.core.Archiver;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.decide.Guardrails;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.predict.LogisticModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Predictor, price book and allowed classes: what a decision needs (a picocli mixin). */
final class DecisionOptions {
    static final class Predictor {
        @Option(names = "--model", paramLabel = "FILE", description = "Logistic model (model.json) from 'archiver train'.")
        Path model;

        @Option(names = "--rule", paramLabel = "RULE", description = "A rule instead of a model: age-days:N (the original design's rule).")
        String rule;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Predictor predictor;

    @Option(names = "--price-book", paramLabel = "FILE", description = "Price book JSON (default: bundled us-east-1).")
    Path priceBook;

    @Option(names = "--allow-classes", paramLabel = "LIST", split = ",",
            description = "Classes a decision may choose, comma-separated (default: STANDARD, INTELLIGENT_TIERING, STANDARD_IA, GLACIER_IR).")
    String[] allowClasses;

    AccessPredictor predictor() {
        if (predictor.model != null) {
            return LogisticModel.load(predictor.model);
        }
        String r = predictor.rule.trim();
        if (!r.startsWith("age-days:")) {
            throw new ArchiverException("--rule: expected age-days:N, was " + predictor.rule);
        }
        try {
            int days = Integer.parseInt(r.substring("age-days:".length()));
            if (days < 0) {
                throw new NumberFormatException();
            }
            return AccessPredictor.ageRule(days);
        } catch (NumberFormatException e) {
            throw new ArchiverException("--rule: N in age-days:N must be a whole number of days >= 0, was " + predictor.rule);
        }
    }

    Guardrails guardrails() {
        if (allowClasses == null) {
            return Guardrails.defaults();
        }
        Set<StorageClass> classes = EnumSet.noneOf(StorageClass.class);
        for (String c : allowClasses) {
            try {
                classes.add(StorageClass.fromAwsName(c.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ArchiverException("--allow-classes: " + e.getMessage());
            }
        }
        return Guardrails.builder().allowedClasses(classes).build();
    }

    Archiver.Builder archiver(Clock clock) {
        return Archiver.builder().predictor(predictor()).guardrails(guardrails())
                .priceBook(priceBook == null ? PriceBook.usEast1() : PriceBook.load(priceBook)).clock(clock);
    }
}
