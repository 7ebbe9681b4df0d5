package com.contactproperties.webhook;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a receiver's answer without holding it: keeps the first {@link #PREVIEW} bytes as text for the
 * attempt's record and fails the request (which closes the connection) once the answer passes
 * {@code maxBytes}, or once a byte arrives after {@code deadline}, so a receiver that trickles an
 * endless answer cannot keep a sender busy.
 */
final class CappedBody implements BodyCodec<String> {

    /** Bytes of an answer kept for the deliveries list. */
    static final int PREVIEW = 512;

    private final int maxBytes;
    private final long deadlineNanos;

    CappedBody(int maxBytes, long deadlineNanos) {
        this.maxBytes = maxBytes;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public void create(Handler<AsyncResult<BodyStream<String>>> handler) {
        handler.handle(Future.succeededFuture(new Stream()));
    }

    private final class Stream implements BodyStream<String> {

        private final Promise<String> result = Promise.promise();
        private final Buffer preview = Buffer.buffer();
        private long received;

        @Override
        public Future<String> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Void> write(Buffer data) {
            received += data.length();
            if (received > maxBytes) {
                result.tryFail(new Sender.AttemptFailure("the answer is longer than " + maxBytes + " bytes"));
            } else if (System.nanoTime() - deadlineNanos > 0) {
                result.tryFail(new Sender.AttemptFailure("timed out reading the answer"));
            } else if (preview.length() < PREVIEW) {
                preview.appendBuffer(data, 0, Math.min(data.length(), PREVIEW - preview.length()));
            }
            return result.future().failed()
                    ? Future.failedFuture(result.future().cause())
                    : Future.succeededFuture();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            Future<Void> written = write(data);
            if (handler != null) {
                handler.handle(written);
            }
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            result.tryComplete(new String(preview.getBytes(), StandardCharsets.UTF_8));
            if (handler != null) {
                handler.handle(Future.succeededFuture());
            }
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
