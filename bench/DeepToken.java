import com.contactproperties.platform.paging.PageToken;
import java.time.Instant;
import java.util.List;

/**
 * Prints the page token of a position deep in tn_bench_0's default order (newest first), signed
 * by the service's own PageToken with the secret the benchmark gives the service:
 * java -cp target/quarkus-app/app/contact-properties-*.jar bench/DeepToken.java SECRET N
 */
public class DeepToken {
  public static void main(String[] args) {
    long n = Long.parseLong(args[1]);
    String createdAt = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(n).toString();
    System.out.println(new PageToken(args[0]).encode("contacts:CREATED_AT:desc", List.of(createdAt, "con_" + String.format("%026d", n))));
  }
}
