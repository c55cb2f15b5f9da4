package dev.archiver.cli;

import dev.archiver.aws.sagemaker.PayloadCodec;
import dev.archiver.aws.sagemaker.SageMakerPredictor;
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
import java.time.Duration;
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

        @Option(names = "--sagemaker-endpoint", paramLabel = "NAME",
                description = "Score with a SageMaker endpoint (batched InvokeEndpoint); see docs/sagemaker.md.")
        String sagemakerEndpoint;
    }

    @Option(names = "--sagemaker-endpoint-url", paramLabel = "URL",
            description = "SageMaker runtime endpoint URL (default: --endpoint-url, else the region's).")
    String sagemakerEndpointUrl;

    @Option(names = "--sagemaker-codec", paramLabel = "CODEC",
            description = "Payload: csv (default), csv-json (CSV in, JSON array out), jsonlines, original-design ({\"data\": [...]} per object).")
    String sagemakerCodec = "csv";

    @Option(names = "--sagemaker-features", paramLabel = "LIST", split = ",",
            description = "Feature columns the endpoint expects, in order (default: every default feature).")
    java.util.List<String> sagemakerFeatures;

    @Option(names = "--sagemaker-fallback-model", paramLabel = "FILE",
            description = "Model that scores the objects when the endpoint fails (default: such objects are kept).")
    Path sagemakerFallback;

    @Option(names = "--sagemaker-timeout", paramLabel = "SECONDS", description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
    int sagemakerTimeoutSeconds = 60;

    /** The SageMaker predictor when one was asked for, for its stats after planning; else null. */
    SageMakerPredictor sagemaker;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Predictor (exactly one):%n")
    Predictor predictor;

    @Option(names = "--price-book", paramLabel = "FILE", description = "Price book JSON (default: bundled us-east-1).")
    Path priceBook;

    @Option(names = "--allow-classes", paramLabel = "LIST", split = ",",
            description = "Classes a decision may choose, comma-separated (default: STANDARD, INTELLIGENT_TIERING, STANDARD_IA, GLACIER_IR).")
    String[] allowClasses;

    AccessPredictor predictor(AwsOptions aws) {
        if (predictor.model != null) {
            return LogisticModel.load(predictor.model);
        }
        if (predictor.sagemakerEndpoint != null) {
            sagemaker = sagemaker(aws);
            return sagemaker;
        }
        try {
            return AccessPredictor.rule(predictor.rule);
        } catch (IllegalArgumentException e) {
            throw new ArchiverException("--rule: " + e.getMessage());
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

    private SageMakerPredictor sagemaker(AwsOptions aws) {
        PayloadCodec codec;
        switch (sagemakerCodec.toLowerCase(Locale.ROOT)) {
            case "csv":
                codec = PayloadCodec.csv();
                break;
            case "csv-json":
                codec = PayloadCodec.csv("application/json");
                break;
            case "jsonlines":
                codec = PayloadCodec.jsonLines();
                break;
            case "original-design":
                codec = PayloadCodec.originalDesign();
                break;
            default:
                throw new ArchiverException("--sagemaker-codec: expected csv, csv-json, jsonlines or original-design, was " + sagemakerCodec);
        }
        if (sagemakerTimeoutSeconds < 1) {
            throw new ArchiverException("--sagemaker-timeout: must be >= 1 second, was " + sagemakerTimeoutSeconds);
        }
        String url = sagemakerEndpointUrl != null ? sagemakerEndpointUrl : aws.endpointUrl;
        SageMakerPredictor.Builder b = SageMakerPredictor.builder(
                        SageMakerPredictor.defaultClient(aws.region(), url == null ? null : AwsOptions.uri(url, "--sagemaker-endpoint-url"), aws.profile),
                        predictor.sagemakerEndpoint)
                .codec(codec)
                .timeout(Duration.ofSeconds(sagemakerTimeoutSeconds));
        if (sagemakerFeatures != null) {
            b.features(sagemakerFeatures);
        }
        if (sagemakerFallback != null) {
            b.fallback(LogisticModel.load(sagemakerFallback));
        }
        return b.build();
    }

    Archiver.Builder archiver(Clock clock, AwsOptions aws) {
        return Archiver.builder().predictor(predictor(aws)).guardrails(guardrails())
                .priceBook(priceBook == null ? PriceBook.usEast1() : PriceBook.load(priceBook)).clock(clock);
    }
}
