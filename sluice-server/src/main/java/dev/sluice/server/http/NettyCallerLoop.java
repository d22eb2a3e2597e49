package dev.sluice.server.http;

import dev.sluice.core.concurrent.CallerLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.Executor;

/**
 * The Netty event loop the calling thread runs, if any: the HTTP server's loops hand requests to
 * the queues on their own threads, and a task given to the loop runs after the I/O it is handling.
 */
public final class NettyCallerLoop implements CallerLoop {

  public static final CallerLoop INSTANCE = new NettyCallerLoop();

  private NettyCallerLoop() {}

  @Override
  public Executor current() {
    // why: Netty records each loop's executor for its own thread; only event loops qualify, since
    // only they run tasks after their I/O rather than at some later time.
    EventExecutor executor = ThreadExecutorMap.currentExecutor();
    return executor instanceof EventLoop ? executor : null;
  }
}
