package dev.llmgw.gateway.providers;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.TimeoutError;
import dev.llmgw.gateway.error.UpstreamUnavailableError;
import dev.llmgw.gateway.providers.Deployment;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Maps network failures of a provider call, which every adapter shares, to the gateway's
 * error family. The message names the model group and the provider, never the endpoint's
 * credentials.
 */
public final class TransportErrors {

	private TransportErrors() {
	}

	public static Throwable map(Throwable error, Deployment deployment, boolean streaming) {
		if (error instanceof GatewayError) {
			return error;
		}
		String who = deployment.provider().name() + " (model " + deployment.modelName() + ")";
		if (error instanceof ReadTimeoutException || error instanceof TimeoutException) {
			double seconds = (streaming ? deployment.streamTimeout() : deployment.timeout()).toMillis() / 1000.0;
			return new TimeoutError("litellm.Timeout: " + who + " did not answer within " + seconds + "s"
					+ (streaming ? " (stream_timeout)" : " (timeout)"));
		}
		if (error instanceof ConnectTimeoutException || error instanceof ConnectException
				|| error instanceof UnknownHostException) {
			return new UpstreamUnavailableError(
					"litellm.APIConnectionError: cannot connect to " + who + ": " + error.getClass().getSimpleName());
		}
		if (error instanceof PrematureCloseException || error instanceof ClosedChannelException) {
			return new UpstreamUnavailableError("litellm.APIConnectionError: " + who + " closed the connection early");
		}
		return error;
	}

}
