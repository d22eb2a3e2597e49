package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.model.MessageAttributeValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link SqsInput} over AWS Query parameters. Lists and maps are flattened with 1-based indexes
 * ({@code MessageAttribute.2.Value.StringValue}); entries are read in index order. Every value
 * arrives as text, so numbers are parsed here.
 */
final class QueryInput implements SqsInput {

  private final Map<String, String> parameters;
  private final String prefix;

  QueryInput(Map<String, String> parameters) {
    this(parameters, "");
  }

  private QueryInput(Map<String, String> parameters, String prefix) {
    this.parameters = parameters;
    this.prefix = prefix;
  }

  @Override
  public String string(String name) {
    return parameters.get(prefix + name);
  }

  @Override
  public Integer integer(String name) {
    String text = string(name);
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      throw SqsException.invalidParameterValue(
          "Value " + text + " for parameter " + prefix + name
              + " is invalid. Reason: Must be an integer.");
    }
  }

  @Override
  public List<String> strings(String jsonName, String queryName) {
    return new ArrayList<>(indexed(queryName, "").values());
  }

  @Override
  public Map<String, String> stringMap(
      String jsonName, String queryName, String keyName, String valueName) {
    Map<String, String> map = new LinkedHashMap<>();
    for (QueryInput entry : entryInputs(queryName)) {
      String key = entry.string(keyName);
      if (key != null) {
        map.put(key, entry.string(valueName));
      }
    }
    return map;
  }

  @Override
  public Map<String, MessageAttributeValue> messageAttributes(String jsonName, String queryName) {
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    for (QueryInput entry : entryInputs(queryName)) {
      String name = entry.string("Name");
      if (name == null) {
        continue;
      }
      attributes.put(name, MessageAttributes.of(
          name,
          entry.string("Value.DataType"),
          entry.string("Value.StringValue"),
          entry.binary("Value.BinaryValue")));
    }
    return attributes;
  }

  @Override
  public boolean hasAttributeListValues(String jsonName, String queryName) {
    String attributes = prefix + queryName + ".";
    return parameters.keySet().stream().anyMatch(key -> key.startsWith(attributes)
        && (key.contains(".Value.StringListValue.") || key.contains(".Value.BinaryListValue.")));
  }

  @Override
  public List<SqsInput> entries(String jsonName, String queryName) {
    return new ArrayList<>(entryInputs(queryName));
  }

  private List<QueryInput> entryInputs(String queryName) {
    List<QueryInput> entries = new ArrayList<>();
    for (Integer index : indexed(queryName, ".").keySet()) {
      entries.add(new QueryInput(parameters, prefix + queryName + "." + index + "."));
    }
    return entries;
  }

  /**
   * Parameters {@code prefix + name + "." + N + suffix...}, keyed (and so ordered) by N. With an
   * empty {@code after}, the parameter must end at the index (a list item); with ".", it must go
   * on (a structure), and one value per index is kept.
   */
  private TreeMap<Integer, String> indexed(String name, String after) {
    String start = prefix + name + ".";
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      String key = parameter.getKey();
      if (!key.startsWith(start)) {
        continue;
      }
      int end = start.length();
      while (end < key.length() && Character.isDigit(key.charAt(end))) {
        end++;
      }
      if (end == start.length() || end - start.length() > 9) {
        continue;
      }
      boolean matches = after.isEmpty() ? end == key.length() : key.startsWith(after, end);
      if (matches) {
        byIndex.putIfAbsent(Integer.parseInt(key.substring(start.length(), end)),
            parameter.getValue());
      }
    }
    return byIndex;
  }

  private byte[] binary(String name) {
    String text = string(name);
    if (text == null) {
      return null;
    }
    try {
      // A '+' that a client forgot to percent-encode arrives as a space after form decoding;
      // spaces are never base64, so putting the '+' back is safe.
      return Base64.getDecoder().decode(text.replace(' ', '+'));
    } catch (IllegalArgumentException e) {
      throw SqsException.invalidParameterValue("Value " + text + " for parameter " + prefix + name
          + " is invalid. Reason: Not a valid base64 encoding.");
    }
  }
}
