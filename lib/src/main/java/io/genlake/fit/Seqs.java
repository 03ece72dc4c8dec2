package io.genlake.fit;

import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Array cells of rows built for {@code Encoders.row}, whose serializer expects Scala sequences. */
final class Seqs {
  private Seqs() {}

  static <T> Seq<T> of(List<T> list) {
    return JavaConverters.asScalaBuffer(list);
  }
}
