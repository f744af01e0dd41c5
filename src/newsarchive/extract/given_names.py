"""Common given names across cultures: evidence that a bare two-word capitalised run
with no title or attribution (`Hun Sen`, `Keir Starmer`) is a person and not a thing
(`Twisted Python`, `Passive Resistance`). Not exhaustive by design: a name missing
here still counts as a person with a title, a role or an attribution anywhere in the
article. Extend freely; entries are matched case-insensitively, accents folded.
"""

from __future__ import annotations

from newsarchive.names import fold_name

_NAMES = """
Aaron Abby Abdul Abdullah Abdel Abdulaziz Abhishek Abigail Abraham Adam Adel Adrian Adriana
Agnes Ahmad Ahmed Aidan Aisha Akira Alan Albert Alberto Alec Alejandro Aleksandr Alex Alexander
Alexandra Alexei Alexis Alfred Ali Alice Alicia Alison Allen Alok Amanda Amber Amir Amit Amy Ana
Anand Anders Andre Andrea Andreas Andrei Andres Andrew Andrzej Andy Angela Angelina Angus Anita
Ann Anna Anne Annie Anthony Antoine Anton Antonio Antony Anwar Anya Aoife Arjun Arnold Arthur
Ashley Ashok Aung Austin Ayumi Barack Barbara Barry Bashar Ben Benjamin Bernard Bernie Beth
Betty Bill Bob Bobby Boris Brad Bradley Brandon Brendan Brian Bruce Bruno Bryan Camille Carl
Carla Carlos Carmen Carol Caroline Catherine Cecilia Chad Charles Charlie Charlotte Chen
Cheng Chris Christian Christina Christine Christopher Chuck Cindy Claire Clara Claude Claudia
Colin Connor Craig Cristina Cyril Daisuke Dale Dan Daniel Daniela Danielle Daria David Dean
Deborah Denis Dennis Derek Diana Diane Dick Dieter Dimitri Dmitry Dominic Don Donald Donna
Doris Doug Douglas Dylan Ebrahim Ed Eddie Edward Elena Eli Elias Elijah Elizabeth Ella Ellen
Elon Emily Emma Emmanuel Enrique Eric Erik Erin Ernest Esther Ethan Eugene Eva Evan Fahad
Faisal Fatima Felipe Felix Fernando Fiona Francesca Francis Francisco Frank Franz Fred
Frederick Gabriel Gabriela Gareth Gary Gavin Gavin Geoffrey George Georg Gerald Gerhard Gina
Giorgia Giovanni Giuseppe Glenn Gordon Grace Graham Greg Gregory Guillaume Gustavo Hamid Hannah
Hans Harold Harry Hasan Hassan Heather Heinrich Helen Helena Henry Hideki Hilary Hillary Hiroshi
Howard Hugh Hugo Hussein Ian Ibrahim Igor Ilya Imran Irene Isaac Isabel Isabella Ivan Jack
Jacob Jacqueline Jake James Jamie Jan Jane Janet Janice Jared Jason Javier Jay Jean Jeff
Jeffrey Jennifer Jenny Jeremy Jerome Jessica Jill Jim Jimmy Joan Joanna Joe Joel Johan John
Johnny Jon Jonathan Jorge Jose Josef Joseph Josh Joshua Juan Judith Judy Julia Julian Julie
Julien Julius Jun Justin Kamala Karen Karim Karl Kate Katherine Kathleen Kathryn Katie Kazuo
Keir Keith Kelly Ken Kenji Kenneth Kevin Khalid Kim Kirsten Klaus Kofi Koji Kristin Kumar
Kurt Kyle Lars Laura Lauren Lawrence Leah Lee Leila Leo Leon Leonard Leonardo Lily Linda Lisa
Liz Lloyd Lorenzo Louis Louise Luca Lucas Lucy Luis Luiz Lukas Luke Lynn Mahmoud Malcolm Mamadou
Manuel Marc Marco Marcus Margaret Maria Marie Marina Mario Mark Marta Martha Martin Mary
Masayoshi Matt Matteo Matthew Maurice Mauro Max Maxim Megan Mehmet Melissa Michael Michel Michelle
Miguel Mikhail Mike Min Ming Miriam Mitch Mohamed Mohammad Mohammed Monica Moshe Muhammad Mustafa
Nadia Nancy Naomi Naoto Narendra Nasser Natalia Natalie Nathan Neil Nicholas Nick Nicola
Nicolas Nicole Nigel Nikolai Nina Noah Noel Nora Norman Olaf Olga Oliver Olivia Omar Oscar Otto
Pablo Pam Pamela Paolo Patricia Patrick Paul Paula Pedro Peng Penny Peter Philip Philippe
Pierre Piotr Priya Rachel Rafael Rahul Raj Rajesh Ralph Ramon Randy Rashid Ravi Ray Raymond
Rebecca Recep Richard Rick Rishi Rob Robert Roberto Robin Roger Roland Ron Ronald Rosa Rose Ross
Roy Ruth Ryan Ryosei Sadiq Salman Sam Samantha Samir Samuel Sandra Sanjay Sara Sarah Satoshi
Scott Sean Sebastian Sergei Sergey Shane Sharon Shinzo Shigeru Simon Sofia Sonia Sophie Stefan
Stephanie Stephen Steve Steven Stuart Sue Sunil Susan Suzanne Takeshi Tamara Tanya Taro Ted
Teresa Terry Thabo Theresa Thomas Tim Timothy Tina Todd Tom Tomas Tony Tracy Tyler Ursula Valerie
Vanessa Victor Victoria Vijay Vikram Vincent Viktor Vladimir Volodymyr Walter Wang Wayne Wei
Wendy William Willie Wolfgang Xavier Yasmin Yoshihide Yuki Yuri Yusuf Yves Zach Zachary Zhang
Zoe Zoran Anoulak Sok Nguyen Tran Le Pham Hun Li Liu Chen Zhao Zhou Xu Sun Ma Hu Guo Lin He Gao
Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Jiang Cai
Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Lu Jiang Park Choi Jung Kang Cho Yoon Jang Lim Shin
Yoo Kwon Hwang Ahn Song Ko Moon Seo Thaksin Prayut Yingluck Paetongtarn Anutin Joko Prabowo
Mahathir Najib Ismail Lawrence Halimah Tharman Rodrigo Ferdinand Sara Gloria Benigno
Jair Dilma Cristina Javier Gustavo Andres Claudia Nayib Evo Narendra Rahul Sonia Shehbaz
Nawaz Imran Asif Benjamin Yair Naftali Isaac Mahmoud Yahya Ismail Recep Kemal Bashar Hosni
Abdel Fattah Cyril Jacob Thabo Nelson Uhuru William Paul Yoweri Olusegun Muhammadu Bola
Emmerson Hakainde Volodymyr Petro Viktor Andrzej Lech Donald Mateusz Olaf Angela Gerhard
Friedrich Annalena Emmanuel Nicolas Francois Jacques Marine Giorgia Mario Matteo Silvio Pedro
Mariano Antonio Keir Rishi Liz Theresa Tony Gordon Margaret Kemi Nicola Humza Leo Micheal
Justin Stephen Pierre Mark Jacinda Chris Anthony Scott Malcolm Kevin Julia Penny Shinzo
Fumio Yoshihide Shigeru Taro Sanae Toshimitsu Koichi Yoon Moon Lee Kim Tsai Lai William
Xi Jinping Wenbin Qiang Keqiang Yi Wenbo Lijian Kyaw Min Suu Kyi Hasina Ranil Gotabaya Mahinda
"""
GIVEN_NAMES = frozenset(fold_name(name) for name in _NAMES.split())
