package dev.llmgw.fake.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * STS AssumeRole (the Query protocol: a form body, an XML answer), as
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html answers it:
 * fresh temporary credentials for every call, with an access key id that names the role
 * ({@code ASIAFAKE} and a counter), so a test can tell from the signatures that reach the
 * fake which credentials signed them. Any other action is an error.
 */
public final class SecurityToken {

	private final AtomicLong issued = new AtomicLong();

	public static boolean isStsRequest(HttpHeaders headers) {
		String authorization = headers.get(HttpHeaderNames.AUTHORIZATION, "");
		return authorization.startsWith("AWS4-HMAC-SHA256") && authorization.contains("/sts/aws4_request");
	}

	public Mono<Void> handle(byte[] body, HttpServerResponse response) {
		Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
		if (!"AssumeRole".equals(form.get("Action"))) {
			return xml(response, HttpResponseStatus.BAD_REQUEST, """
					<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>
					<Message>The fake implements AssumeRole only</Message></Error></ErrorResponse>""");
		}
		String role = form.getOrDefault("RoleArn", "");
		String session = form.getOrDefault("RoleSessionName", "session");
		String accessKeyId = "ASIAFAKE" + String.format("%012d", this.issued.incrementAndGet());
		String expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
		return xml(response, HttpResponseStatus.OK, """
				<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
				  <AssumeRoleResult>
				    <Credentials>
				      <AccessKeyId>%s</AccessKeyId>
				      <SecretAccessKey>fake-assumed-secret</SecretAccessKey>
				      <SessionToken>fake-session-token-for-%s</SessionToken>
				      <Expiration>%s</Expiration>
				    </Credentials>
				    <AssumedRoleUser>
				      <AssumedRoleId>AROAFAKE:%s</AssumedRoleId>
				      <Arn>%s/%s</Arn>
				    </AssumedRoleUser>
				  </AssumeRoleResult>
				  <ResponseMetadata><RequestId>fake-sts</RequestId></ResponseMetadata>
				</AssumeRoleResponse>""".formatted(accessKeyId, session, expiration, session,
				role.replace(":role/", ":assumed-role/").replace(":iam:", ":sts:"), session));
	}

	private static Map<String, String> form(String body) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return fields;
	}

	private static Mono<Void> xml(HttpServerResponse response, HttpResponseStatus status, String body) {
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, "text/xml")
			.sendByteArray(Mono.just(body.getBytes(StandardCharsets.UTF_8)))
			.then();
	}

}
