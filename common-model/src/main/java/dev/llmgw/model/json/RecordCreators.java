package dev.llmgw.model.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;

import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.introspect.AnnotatedWithParams;

/**
 * Builds the gateway's records through a constructor handle made once per record type.
 * Jackson calls a record's canonical constructor with
 * {@code MethodHandle.invokeWithArguments}, which builds a spreader and looks up method
 * types on every call: about a third of parsing a small chat request, on the event loop.
 * A handle spread once is called with {@code invokeExact}. Only the successful call takes
 * this path: a constructor that throws is called again through Jackson, so that a bad
 * value gets Jackson's own error (and its 400) exactly as before.
 */
public final class RecordCreators extends JacksonModule {

	/** The records of these packages (and their subpackages) are built directly. */
	private static final String PACKAGE = "dev.llmgw.";

	@Override
	public String getModuleName() {
		return "record-creators";
	}

	@Override
	public Version version() {
		return Version.unknownVersion();
	}

	@Override
	public void setupModule(SetupContext context) {
		context.addValueInstantiators(new Instantiators());
	}

	/**
	 * A record's instantiator with a spread constructor handle; the default instantiator
	 * for anything else (another creator, a class of a library, an inaccessible
	 * constructor).
	 */
	static ValueInstantiator direct(ValueInstantiator instantiator) {
		if (instantiator.getClass() != StdValueInstantiator.class) {
			return instantiator;
		}
		AnnotatedWithParams creator = instantiator.getWithArgsCreator();
		if (!(creator instanceof AnnotatedConstructor annotated)) {
			return instantiator;
		}
		Constructor<?> constructor = annotated.getAnnotated();
		Class<?> type = constructor.getDeclaringClass();
		if (!type.isRecord() || !type.getName().startsWith(PACKAGE)) {
			return instantiator;
		}
		try {
			MethodHandle handle = MethodHandles.lookup()
				.unreflectConstructor(constructor)
				.asSpreader(Object[].class, constructor.getParameterCount())
				.asType(MethodType.methodType(Object.class, Object[].class));
			return new Direct((StdValueInstantiator) instantiator, handle);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			return instantiator;
		}
	}

	private static final class Instantiators extends ValueInstantiators.Base {

		@Override
		public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
				BeanDescription.Supplier beanDescRef, ValueInstantiator defaultInstantiator) {
			return direct(defaultInstantiator);
		}

	}

	/** Jackson's instantiator for a record, but for how it calls the constructor. */
	static final class Direct extends StdValueInstantiator {

		private static final long serialVersionUID = 1L;

		private final transient MethodHandle constructor;

		Direct(StdValueInstantiator instantiator, MethodHandle constructor) {
			super(instantiator);
			this.constructor = constructor;
		}

		@Override
		public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
			try {
				return (Object) this.constructor.invokeExact(args);
			}
			catch (Error error) {
				// as Jackson's own call: an error is not a bad value, and is not retried
				throw error;
			}
			catch (Throwable ex) {
				// Jackson calls it again and reports what went wrong its own way
				return super.createFromObjectWith(ctxt, args);
			}
		}

	}

}
