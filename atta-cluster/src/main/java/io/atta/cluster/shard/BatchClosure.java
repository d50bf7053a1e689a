package io.atta.cluster.shard;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import io.atta.cluster.ServiceException;
import io.atta.core.command.Result;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * Travels with one log entry on the leader. The state machine hands it the results of the
 * applied batch; {@link #run} then completes each caller's future, off the apply thread, or
 * fails them all when Raft could not commit the entry (the outcome is then unknown to the
 * caller, who retries with the same ids).
 */
final class BatchClosure implements Closure {
    private final List<Submission> submissions;
    private final Executor replies;
    private final Runnable onDone;
    private Result[] results;

    BatchClosure(List<Submission> submissions, Executor replies, Runnable onDone) {
        this.submissions = submissions;
        this.replies = replies;
        this.onDone = onDone;
    }

    void setResults(Result[] results) {
        this.results = results;
    }

    @Override
    public void run(Status status) {
        onDone.run();
        if (status.isOk() && results != null) {
            Result[] all = results;
            replies.execute(() -> {
                int offset = 0;
                for (Submission s : submissions) {
                    int count = 0;
                    for (io.atta.core.command.Command c : s.commands()) {
                        count += c.resultCount();
                    }
                    Result[] mine = new Result[count];
                    System.arraycopy(all, offset, mine, 0, mine.length);
                    offset += mine.length;
                    s.future().complete(mine);
                }
            });
        } else {
            ServiceException e = new ServiceException(ServiceException.Reason.unavailable,
                    "the batch was not committed: " + status.getErrorMsg());
            replies.execute(() -> submissions.forEach(s -> s.future().completeExceptionally(e)));
        }
    }
}
