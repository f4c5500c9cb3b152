package dev.llmgw.fake.reply;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordsTests {

	@Test
	void countsWhitespaceSeparatedWords() {
		assertThat(Words.count("")).isZero();
		assertThat(Words.count("   ")).isZero();
		assertThat(Words.count("one")).isEqualTo(1);
		assertThat(Words.count("  one\ttwo\n three  ")).isEqualTo(3);
	}

	@Test
	void splitsOnePiecePerWordKeepingTheSpaceAfterEach() {
		assertThat(Words.split("You said: hi there", 0)).containsExactly("You ", "said: ", "hi ", "there");
		assertThat(Words.split("  lead and trail  ", 0)).containsExactly("  lead ", "and ", "trail  ");
	}

	@Test
	void splitsIntoNearEqualPieces() {
		List<String> pieces = Words.split("a b c d e f g", 3);
		assertThat(pieces).containsExactly("a b ", "c d ", "e f g");
		assertThat(String.join("", pieces)).isEqualTo("a b c d e f g");
	}

	@Test
	void neverMakesMorePiecesThanWords() {
		assertThat(Words.split("a b", 5)).containsExactly("a ", "b");
		assertThat(Words.split("", 3)).containsExactly("");
		assertThat(Words.split("single", 3)).containsExactly("single");
	}

	@Test
	void firstKeepsTheLeadingWordsWithoutTrailingSpace() {
		assertThat(Words.first("one two  three four", 2)).isEqualTo("one two");
		assertThat(Words.first("one two", 2)).isEqualTo("one two");
		assertThat(Words.first("one two", 5)).isEqualTo("one two");
		assertThat(Words.first("one two", 0)).isEmpty();
	}

}
