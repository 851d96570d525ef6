package crosslang;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * A consumer of the bridge's events written the way a Java team would: generic Apache Avro, nothing
 * generated. Prints one JSON object per value on stdout (UTF-8), so a test can compare it with what the
 * TypeScript decoder read.
 *
 * <pre>
 * soe --reader R.avsc [--writer W.avsc]... FILE      single-object values, one hex value per line
 * partition N FILE                                    Kafka's default partition of each hex key per line
 * kafka --brokers B --topic T --registry URL --reader R.avsc --count N [--timeout-ms MS]
 *                                                     Confluent-framed values from Kafka, writer schemas
 *                                                     fetched by id from the registry (GET /schemas/ids/{id})
 * </pre>
 */
public final class Reader {
  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

  public static void main(String[] args) throws Exception {
    if (args.length == 0) throw new IllegalArgumentException("usage: soe|partition|kafka ...");
    Map<String, List<String>> options = options(args);
    switch (args[0]) {
      case "soe" -> soe(options);
      case "partition" -> partition(Integer.parseInt(args[1]), Path.of(args[2]));
      case "kafka" -> kafka(options);
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  /** The reader schema resolves every writer it was told about (BinaryMessageDecoder looks them up by fingerprint). */
  static void soe(Map<String, List<String>> options) throws IOException {
    Schema reader = schema(Path.of(one(options, "--reader")));
    BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), reader);
    for (String writer : options.getOrDefault("--writer", List.of())) decoder.addSchema(schema(Path.of(writer)));
    for (String line : lines(Path.of(one(options, "")))) {
      OUT.println(json(decoder.decode(HexFormat.of().parseHex(line))));
    }
  }

  /** The Java client's default partitioner for keyed records (BuiltInPartitioner.partitionForKey). */
  static void partition(int partitions, Path keys) throws IOException {
    for (String line : lines(keys)) {
      OUT.println(Utils.toPositive(Utils.murmur2(HexFormat.of().parseHex(line))) % partitions);
    }
  }

  static void kafka(Map<String, List<String>> options) throws Exception {
    // One reader schema per record type the topic carries (--reader is repeatable): each value is read with
    // the reader whose full name is its writer's, as a consumer of a topic with several event types would.
    Map<String, Schema> readers = new HashMap<>();
    for (String file : options.getOrDefault("--reader", List.of())) {
      Schema reader = schema(Path.of(file));
      readers.put(reader.getFullName(), reader);
    }
    String registry = one(options, "--registry").replaceAll("/+$", "");
    String topic = one(options, "--topic");
    int count = Integer.parseInt(one(options, "--count"));
    long deadline = System.currentTimeMillis() + Long.parseLong(options.getOrDefault("--timeout-ms", List.of("60000")).get(0));
    Map<Integer, GenericDatumReader<GenericRecord>> byId = new HashMap<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, one(options, "--brokers"));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    int seen = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic)) partitions.add(new TopicPartition(topic, p.partition()));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (seen < count) {
        if (System.currentTimeMillis() > deadline) throw new IllegalStateException(seen + " of " + count + " records before the timeout");
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
          ByteBuffer value = ByteBuffer.wrap(record.value());
          if (value.get() != 0) throw new IllegalStateException("not Confluent-framed at offset " + record.offset());
          int id = value.getInt();
          GenericDatumReader<GenericRecord> datumReader = byId.get(id);
          if (datumReader == null) {
            Schema writer = writerSchema(http, registry, id);
            Schema reader = readers.get(writer.getFullName());
            if (reader == null) throw new IllegalStateException("no --reader for record " + writer.getFullName());
            datumReader = new GenericDatumReader<>(writer, reader);
            byId.put(id, datumReader);
          }
          GenericRecord event = datumReader.read(null,
              DecoderFactory.get().binaryDecoder(record.value(), 5, record.value().length - 5, null));
          OUT.println("{\"partition\":" + record.partition() + ",\"key\":" + quote(new String(record.key(), StandardCharsets.UTF_8))
              + ",\"schemaId\":" + id + ",\"value\":" + json(event) + "}");
          seen += 1;
        }
      }
    }
  }

  static Schema writerSchema(HttpClient http, String registry, int id) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(registry + "/schemas/ids/" + id)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) throw new IllegalStateException("GET /schemas/ids/" + id + ": HTTP " + response.statusCode());
    // {"schema": "<schema JSON as a string>", ...}: Avro's own JSON parser reads the envelope too.
    Schema.Parser parser = new Schema.Parser();
    String text = new ObjectMapper().readTree(response.body()).get("schema").asText();
    return parser.parse(text);
  }

  static Schema schema(Path file) throws IOException {
    return new Schema.Parser().parse(Files.readString(file));
  }

  static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty()).collect(Collectors.toList());
  }

  /** Avro's generic data as JSON: longs as numbers, enums as their symbol, floats widened as JS does, bytes as hex. */
  static String json(Object value) {
    if (value == null) return "null";
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Double) return value.toString();
    if (value instanceof Float f) return Double.toString(f.doubleValue());
    if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) return quote(value.toString());
    if (value instanceof ByteBuffer bytes) {
      byte[] copy = new byte[bytes.remaining()];
      bytes.duplicate().get(copy);
      return quote(HexFormat.of().formatHex(copy)); // bytes as lowercase hex, as the other readers print them
    }
    if (value instanceof IndexedRecord record) {
      StringBuilder out = new StringBuilder("{");
      for (Schema.Field field : record.getSchema().getFields()) {
        if (out.length() > 1) out.append(',');
        out.append(quote(field.name())).append(':').append(json(record.get(field.pos())));
      }
      return out.append('}').toString();
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> quote(e.getKey().toString()) + ":" + json(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    if (value instanceof Collection<?> items) return items.stream().map(Reader::json).collect(Collectors.joining(",", "[", "]"));
    throw new IllegalArgumentException("no JSON form for " + value.getClass());
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }

  /** "--name value" pairs (repeatable); the remaining bare arguments after the command go under "". */
  static Map<String, List<String>> options(String[] args) {
    Map<String, List<String>> options = new HashMap<>();
    for (int i = 1; i < args.length; i += 1) {
      if (args[i].startsWith("--")) options.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[++i]);
      else options.computeIfAbsent("", k -> new ArrayList<>()).add(args[i]);
    }
    return options;
  }

  static String one(Map<String, List<String>> options, String name) {
    List<String> values = options.get(name);
    if (values == null || values.size() != 1) throw new IllegalArgumentException("need exactly one " + (name.isEmpty() ? "file" : name));
    return values.get(0);
  }
}
